// A conftest.py whose `pytest_collect_file` turns each `name: expected` line of a test*.yaml file
// into a test (passing when expected is "ok"): tests only pytest's collection can find.

export const YAML_COLLECTOR = `"""Collects test_*.yaml files: one test per \`name: expected\` line."""
import pytest


def pytest_collect_file(parent, file_path):
    """YAML case files become test files."""
    if file_path.suffix == ".yaml" and file_path.name.startswith("test"):
        return YamlFile.from_parent(parent, path=file_path)
    return None


class YamlFile(pytest.File):
    """One item per line."""

    def collect(self):
        for line in self.path.read_text().splitlines():
            name, _, expected = line.partition(":")
            if name.strip():
                yield YamlItem.from_parent(self, name=name.strip(), expected=expected.strip())


class YamlItem(pytest.Item):
    """Passes when the line says ok."""

    def __init__(self, *, expected, **kwargs):
        super().__init__(**kwargs)
        self.expected = expected

    def runtest(self):
        assert self.expected == "ok", f"{self.name} says {self.expected}"

    def reportinfo(self):
        return self.path, 0, f"case: {self.name}"
`;
