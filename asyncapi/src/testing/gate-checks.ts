import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentVersion } from '../document.ts';
import { compareVersions, publishedVersion, readPublishedSnapshots } from '../published.ts';
import { currentSnapshot, gateViolations, violationLine } from '../snapshot.ts';
import { shown, type AsyncApiCheckOptions } from './check-options.ts';

/**
 * The breaking-change gate: against every published snapshot, no message or saga input changed in
 * a way that breaks its readers or writers without its version being raised. The document's own
 * version never goes behind a released one.
 */
export function describeGateChecks(options: AsyncApiCheckOptions): void {
  const published = readPublishedSnapshots(options.publishedDir);
  const current = () => currentSnapshot(options.contracts ?? options.system.messageList, [...options.sagas]);

  describe(`the breaking-change gate (published snapshots in ${shown(options.publishedDir)})`, () => {
    if (published.length === 0) {
      it.todo('has no published snapshot to guard: publish the first release (node asyncapi/src/cli.ts publish --system <module> --out <dir>)');
      return;
    }

    it.each(published.map((p) => [basename(p.file), p] as const))(
      'finds no breaking change since %s that a version raise does not cover',
      (_, { snapshot }) => {
        expect(gateViolations(snapshot, current()).map(violationLine)).toEqual([]);
      },
    );

    it('keeps the document version at or after the newest released one', () => {
      const newest = publishedVersion(published.at(-1)!);
      const version = documentVersion(options);
      expect(compareVersions(version, newest), `info.version ${version} is behind the published ${newest}`).toBeGreaterThanOrEqual(0);
    });
  });
}
