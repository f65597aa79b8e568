import type { PytestFile, TestClass, TestFunction } from '../../model/types';

/** The (possibly nested) test class that defines `test`, if it is a method. */
export function ownerClass(file: PytestFile, test: TestFunction): TestClass | undefined {
  const search = (classes: TestClass[]): TestClass | undefined => {
    for (const cls of classes) {
      if (cls.tests.includes(test)) return cls;
      const nested = search(cls.classes);
      if (nested) return nested;
    }
    return undefined;
  };
  return search(file.classes);
}
