-- Headless Neovim 0.7.2 as an LSP client of `node dist/server.js --stdio`.
-- Opens one file, waits for the server's diagnostics and writes them to stdout as one JSON line:
--   PP_RESULT {"ok":true,"error":null,"diagnostics":[{lnum,col,end_lnum,end_col,code,source,message,severity}]}
-- Inputs (environment): PP_SERVER_JS, PP_ROOT (workspace folder), PP_FILE, PP_TIMEOUT_MS.
-- 0.7.2 has no vim.lsp.start: start_client + buf_attach_client. Headless `print` does not reach
-- stdout, so results go through io.stdout.

local function emit(result)
  io.stdout:write('PP_RESULT ' .. vim.fn.json_encode(result) .. '\n')
  io.stdout:flush()
end

local server_js = assert(os.getenv('PP_SERVER_JS'), 'PP_SERVER_JS not set')
local root = assert(os.getenv('PP_ROOT'), 'PP_ROOT not set')
local file = assert(os.getenv('PP_FILE'), 'PP_FILE not set')
local timeout_ms = tonumber(os.getenv('PP_TIMEOUT_MS') or '30000')

-- The python ftplugin probes the python3 provider (several seconds); the LSP client needs none of it.
vim.g.loaded_python3_provider = 0
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()

local exit_info = nil
local client_id = vim.lsp.start_client({
  name = 'pytest-patterns',
  cmd = { 'node', server_js, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
  on_exit = function(code, signal)
    exit_info = { code = code, signal = signal }
  end,
})
if not client_id then
  emit({ ok = false, error = 'vim.lsp.start_client failed' })
  vim.cmd('qall!')
end
vim.lsp.buf_attach_client(buf, client_id)

-- Event-driven wait: vim.wait runs the event loop until the server has published for this buffer
-- (or the server died, or the deadline turns a hang into a failure).
local published = vim.wait(timeout_ms, function()
  return #vim.diagnostic.get(buf) > 0 or exit_info ~= nil
end, 20)

local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(diagnostics, {
    lnum = d.lnum,
    col = d.col,
    end_lnum = d.end_lnum,
    end_col = d.end_col,
    code = d.code or lsp.code,
    source = d.source or lsp.source,
    message = d.message,
    severity = d.severity,
  })
end

local client = vim.lsp.get_client_by_id(client_id)
emit({
  ok = published and exit_info == nil,
  error = (exit_info and ('server exited: ' .. vim.inspect(exit_info)))
    or ((not published) and ('no diagnostics within ' .. timeout_ms .. ' ms'))
    or vim.NIL,
  diagnostics = diagnostics,
})

if client then
  client.stop()
end
vim.cmd('qall!')
