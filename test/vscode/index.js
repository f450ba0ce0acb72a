// Entry point for the extension host (`extensionTestsPath`): runs the mocha suite and settles the
// promise with the result, which is how both @vscode/test-electron and cs-ext-tests.sh read it.
'use strict';
const path = require('path');
const Mocha = require('mocha');

exports.run = function run() {
  // RADLINT_TEST_GREP runs only the tests whose titles match (while working on one).
  const grep = process.env.RADLINT_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec', ...(grep ? { grep } : {}) });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  mocha.addFile(path.join(__dirname, 'first-run.test.js'));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
};
