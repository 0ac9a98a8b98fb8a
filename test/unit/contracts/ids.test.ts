/**
 * package.json's extension manifest (main, activation, capabilities, contributes) against src/shared/ids.ts and the
 * code: every id the code uses is contributed with the right title, internal commands are hidden, activation is lazy.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import {
  COMMAND_CATEGORY,
  COMMAND_TITLES,
  COMMANDS,
  COMPARE_PANEL,
  HISTORY_VIEW,
  HISTORY_VIEW_TITLE,
  REPORT_PANEL,
  SETTINGS,
  SETTINGS_SECTION,
  TREE_CONTEXT,
  VIEW_CONTAINER,
  VIEW_CONTAINER_TITLE,
} from '../../../src/contracts/ids';

const ROOT = resolve(__dirname, '..', '..', '..');
interface Fragment {
  main: string;
  activationEvents: string[];
  capabilities: {
    untrustedWorkspaces: { supported: string | boolean; description: string; restrictedConfigurations: string[] };
  };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    viewsContainers: { activitybar: { id: string; title: string; icon: string }[] };
    views: Record<string, { id: string; name: string }[]>;
    configuration: { properties: Record<string, unknown> };
  };
}
const fragment = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Fragment;
const PUBLIC: string[] = [COMMANDS.profile, COMMANDS.showLog];

describe('package.json contributes', () => {
  test('every command is contributed with its title and the category', () => {
    const byId = new Map(fragment.contributes.commands.map((c) => [c.command, c]));
    for (const [key, id] of Object.entries(COMMANDS)) {
      const c = byId.get(id);
      assert.ok(c, `${id} is not contributed`);
      assert.equal(c.title, COMMAND_TITLES[key as keyof typeof COMMANDS]);
      assert.equal(c.category, COMMAND_CATEGORY);
    }
    assert.equal(byId.get('parallelismProfiler.profile')?.title, 'Profile parallelism');
    assert.equal(fragment.contributes.commands.length, Object.keys(COMMANDS).length);
  });

  test('internal commands are hidden from the palette; the public ones are not', () => {
    const hidden = new Set(fragment.contributes.menus.commandPalette!.filter((m) => m.when === 'false').map((m) => m.command));
    for (const id of Object.values(COMMANDS)) assert.equal(hidden.has(id), !PUBLIC.includes(id), id);
  });

  test('the view container, the history view and the icon', () => {
    const [container] = fragment.contributes.viewsContainers.activitybar;
    assert.deepEqual([container!.id, container!.title], [VIEW_CONTAINER, VIEW_CONTAINER_TITLE]);
    assert.deepEqual([container!.id, container!.title], ['parallelismProfiler', 'Parallelism']);
    assert.ok(readdirSync(join(ROOT, 'media')).includes(container!.icon.replace(/^media\//, '')));
    assert.deepEqual(fragment.contributes.views[VIEW_CONTAINER], [
      { id: HISTORY_VIEW, name: HISTORY_VIEW_TITLE, contextualTitle: 'Parallelism', icon: 'media/parallelism.svg' },
    ]);
    assert.equal(HISTORY_VIEW_TITLE, 'Benchmark History');
  });

  test('tree context menus use the contextValues the tree sets', () => {
    const item = fragment.contributes.menus['view/item/context']!;
    for (const m of item) {
      assert.match(m.when!, new RegExp(`view == ${HISTORY_VIEW.replace('.', '\\.')}`));
      assert.ok(m.when!.includes(TREE_CONTEXT.runComparable) || m.when!.includes('/^run/'), m.when);
    }
  });

  test('lazy activation: languages, command, view and both panels; never "*"', () => {
    assert.ok(!fragment.activationEvents.includes('*'));
    const events = ['onLanguage:python', 'onLanguage:javascript', 'onLanguage:typescript', `onView:${HISTORY_VIEW}`,
      `onWebviewPanel:${REPORT_PANEL}`, `onWebviewPanel:${COMPARE_PANEL}`];
    for (const e of events) {
      assert.ok(fragment.activationEvents.includes(e), e);
    }
    assert.equal(fragment.main, './dist/extension.js');
  });

  test('limited support in restricted workspaces, with the interpreter settings restricted', () => {
    const u = fragment.capabilities.untrustedWorkspaces;
    assert.equal(u.supported, 'limited');
    assert.ok(u.description.length > 20);
    const restricted = [SETTINGS.pythonPath, SETTINGS.extraInterpreters].map((k) => `${SETTINGS_SECTION}.${k}`);
    assert.deepEqual(u.restrictedConfigurations, restricted);
  });

  test('every setting key the code reads is declared', () => {
    const declared = Object.keys(fragment.contributes.configuration.properties).sort();
    assert.deepEqual(declared, Object.values(SETTINGS).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
  });

  test('commands registered in the code are the contributed ones', () => {
    const dir = join(ROOT, 'src/extension');
    const code = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const registered = [...code.matchAll(/registerCommand\(COMMANDS\.(\w+)/g)].map((m) => m[1]).sort();
    assert.deepEqual(registered, Object.keys(COMMANDS).sort());
  });
});
