#!/usr/bin/env node
// The public API reports in goldens/public-api/, made by API Extractor from the built types
// in dist/ (run `npm run build:lib` first).
//   node scripts/api-report.mjs          regenerate the reports (`npm run api`)
//   node scripts/api-report.mjs --check  fail when the public API differs from the reports
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const entryPoints = [
  'rxjs-taskgroup.json', 'rxjs-taskgroup-testing.json', 'rxjs-taskgroup-angular.json', 'rxjs-taskgroup-devtools.json', 'rxjs-taskgroup-otel.json',
];

let failed = false;
for (const file of entryPoints) {
  const configObjectFullPath = join(root, 'api', file);
  // The report is of the built package, so name it from dist's package.json, not the workspace's.
  const config = ExtractorConfig.prepare({
    configObject: ExtractorConfig.loadFile(configObjectFullPath),
    configObjectFullPath,
    packageJsonFullPath: join(root, 'dist', 'rxjs-taskgroup', 'package.json'),
  });
  if (!existsSync(config.mainEntryPointFilePath)) {
    console.error(`[api] ${config.mainEntryPointFilePath} is missing: run \`npm run build:lib\` first.`);
    process.exit(1);
  }
  if (!check) mkdirSync(config.reportFolder, { recursive: true });
  const result = Extractor.invoke(config, { localBuild: !check, showVerboseMessages: false });
  if (!result.succeeded) {
    failed = true;
    if (result.apiReportChanged) {
      console.error(`[api] The public API of ${file.replace(/\.json$/, '')} changed and its report was not regenerated.\n` +
        '[api] Review the difference, then run `npm run api` and commit goldens/public-api/.');
    } else {
      console.error(`[api] ${file}: ${result.errorCount} error(s), ${result.warningCount} warning(s).`);
    }
  } else {
    console.log(`[api] ${file.replace(/\.json$/, '')}: ${result.apiReportChanged ? 'report updated' : 'report up to date'}`);
  }
}
process.exitCode = failed ? 1 : 0;
