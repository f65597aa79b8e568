import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFixture } from '../../../server/src/engine/actions/extractFixture';
import { runPytest } from './pytestRun';
import { generate } from './support';

const SOURCE = [
  '"""Cart tests."""',
  'import pytest',
  '',
  '',
  'def test_cart__one_item__then_total(tmp_path) -> None:',
  '    """One item costs its price."""',
  '    prices = {"apple": 3}',
  '    cart = {"items": [], "prices": prices}',
  '    cart["items"].append("apple")',
  '    assert sum(cart["prices"][i] for i in cart["items"]) == 3',
  '',
  '',
  'def test_cart__empty__then_zero() -> None:',
  '    """An empty cart costs nothing."""',
  '    prices = {"apple": 3}',
  '    cart = {"items": [], "prices": prices}',
  '    assert cart["items"] == []',
  '',
  '',
  'def test_other__unrelated__then_untouched() -> None:',
  '    """Different setup."""',
  '    cart = {"items": ["pear"]}',
  '    assert cart["items"]',
  '',
].join('\n');

describe('extract fixture', () => {
  it('moves the selected setup into a fixture and replaces it in every test that repeats it', async () => {
    const result = await generate(SOURCE, extractFixture, 6, 7);
    assert.equal(
      result,
      [
        '"""Cart tests."""',
        'import pytest',
        '',
        '',
        '@pytest.fixture',
        'def cart():',
        '    """Build `cart` for the tests that request it."""',
        '    prices = {"apple": 3}',
        '    cart = {"items": [], "prices": prices}',
        '    return cart',
        '',
        '',
        'def test_cart__one_item__then_total(tmp_path, cart) -> None:',
        '    """One item costs its price."""',
        '    cart["items"].append("apple")',
        '    assert sum(cart["prices"][i] for i in cart["items"]) == 3',
        '',
        '',
        'def test_cart__empty__then_zero(cart) -> None:',
        '    """An empty cart costs nothing."""',
        '    assert cart["items"] == []',
        '',
        '',
        'def test_other__unrelated__then_untouched() -> None:',
        '    """Different setup."""',
        '    cart = {"items": ["pear"]}',
        '    assert cart["items"]',
        '',
      ].join('\n'),
    );
    const run = runPytest({ 'test_cart.py': result! });
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /3 passed/);
  });

  it('needs a selection that builds exactly one value the test uses afterwards', async () => {
    assert.equal(await generate(SOURCE, extractFixture, 7, 7), undefined, '`cart` alone needs the local `prices`');
    assert.equal(await generate(SOURCE, extractFixture, 6, 9), undefined, 'the whole body leaves nothing to test');
  });
});
