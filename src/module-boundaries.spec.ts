import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve('.');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');
const config = path.join(root, '.dependency-cruiser.cjs');

/** Cruises a small tree laid out like src/ with the project's boundary rules: the violations it reports, by rule. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'signpost-boundaries-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), text);
    }
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
    );
    const answer = await run(depcruise, ['src', '--config', config, '--output-type', 'json'], { cwd: dir }).catch(
      (error: { stdout: string }) => error,
    );
    const result = JSON.parse(answer.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('module boundaries (.dependency-cruiser.cjs)', () => {
  it("refuses a context importing another context's entity or repository", async () => {
    const found = await violations({
      'src/enquiries/enquiry.entity.ts': 'export class EnquiryEntity {}\n',
      'src/enquiries/enquiry.repository.ts': 'export class EnquiryRepository {}\n',
      'src/channels/intake.ts':
        "import { EnquiryEntity } from '../enquiries/enquiry.entity.js';\nimport { EnquiryRepository } from '../enquiries/enquiry.repository.js';\nexport const used = [EnquiryEntity, EnquiryRepository];\n",
    });
    expect(found).toEqual([
      'no-foreign-tables: src/channels/intake.ts → src/enquiries/enquiry.entity.ts',
      'no-foreign-tables: src/channels/intake.ts → src/enquiries/enquiry.repository.ts',
    ]);
  }, 30000);

  it("allows a context its own entities, another context's service and reads, and entities their relations", async () => {
    const found = await violations({
      'src/enquiries/enquiry.entity.ts':
        "import { OrganisationEntity } from '../tenancy/organisation.entity.js';\nexport class EnquiryEntity { o = OrganisationEntity; }\n",
      'src/enquiries/enquiry-reads.ts': "import { EnquiryEntity } from './enquiry.entity.js';\nexport const read = EnquiryEntity;\n",
      'src/tenancy/organisation.entity.ts': 'export class OrganisationEntity {}\n',
      'src/channels/intake.ts': "import { read } from '../enquiries/enquiry-reads.js';\nexport const used = read;\n",
    });
    expect(found).toEqual([]);
  }, 30000);

  it('refuses an import cycle, type-only imports included', async () => {
    const found = await violations({
      'src/channels/chat.service.ts':
        "import { ChatWriter } from './chat-writer.js';\nexport interface ChatRef { id: string }\nexport const writer = ChatWriter;\n",
      'src/channels/chat-writer.ts':
        "import type { ChatRef } from './chat.service.js';\nexport class ChatWriter { write(_: ChatRef) {} }\n",
    });
    expect(found).toEqual(['no-circular: src/channels/chat-writer.ts → src/channels/chat.service.ts']);
  }, 30000);

  it('holds for the whole of src', async () => {
    const answer = await run(depcruise, ['src', '--config', config, '--output-type', 'err'], { cwd: root }).catch(
      (error: { stdout: string }) => error,
    );
    expect(answer.stdout).toContain('no dependency violations found');
  }, 60000);
});
