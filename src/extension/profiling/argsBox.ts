/**
 * The task-argument input box. Enter never just turns the box red: an empty box gets a runnable example, missing
 * brackets are closed, other mistakes keep the text and say what shape is expected (argsInput.ts decides, pure).
 * While typing, certain mistakes show as a warning, not an error, since the expression is usually half-written.
 */
import * as vscode from 'vscode';
import type { FunctionInfo } from '../../engine';
import { acceptArgs, quickCheckArgs, shapeWords, type ArgsExample, type ArgsPrompt } from './argsInput';

/** What the box shows and checks. */
export interface ArgsBoxOptions {
  title: string;
  prompt: ArgsPrompt;
  fn: Pick<FunctionInfo, 'name' | 'params'>;
  language: string;
  example?: ArgsExample;
  /** The engine's complaint about `text` (from the last attempt), shown until the text changes. */
  error?: { text: string; message: string };
  /** Select the prefilled value, so typing replaces it (true when it is a guessed example). */
  selectValue?: boolean;
}

type Message = vscode.InputBoxValidationMessage | undefined;

/** Shows the box; resolves with the accepted expression ('' = none), or undefined when the user dismissed it. */
export function askArgs(o: ArgsBoxOptions): Promise<string | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    const disposables: vscode.Disposable[] = [box];
    let settled = false;
    let suggested: { value: string; message: Message } | undefined;
    const finish = (value: string | undefined): void => {
      if (settled) return;
      settled = true;
      for (const d of disposables.splice(0)) d.dispose();
      resolve(value);
    };
    const hint = `Expected ${shapeWords(o.fn, o.language)}${o.example ? `, e.g. ${o.example.shape}` : ''}.`;
    const live = (text: string): Message => {
      if (o.error && text.trim() === o.error.text.trim()) {
        return { message: `${o.error.message} ${hint}`, severity: vscode.InputBoxValidationSeverity.Error };
      }
      if (text.trim() === '') return undefined; // Enter on an empty box fills in the example
      const problem = quickCheckArgs(text, o.fn, o.language);
      return problem ? { message: problem, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    };
    box.title = o.title;
    box.prompt = o.prompt.prompt;
    box.placeholder = o.prompt.placeHolder;
    box.value = o.prompt.value;
    box.ignoreFocusOut = true;
    if (o.selectValue && o.prompt.value) box.valueSelection = [0, o.prompt.value.length];
    box.validationMessage = live(box.value);
    disposables.push(
      box.onDidChangeValue((text) => {
        // Setting the value to a suggestion may echo back as a change: keep the suggestion's explanation then.
        box.validationMessage = suggested && text === suggested.value ? suggested.message : live(text);
        if (!suggested || text !== suggested.value) suggested = undefined;
      }),
      box.onDidAccept(() => {
        if (o.error && box.value.trim() === o.error.text.trim()) {
          box.validationMessage = live(box.value); // the same text would fail the same way: say so, and how to fix it
          return;
        }
        const answer = acceptArgs(box.value, o.fn, o.language, o.example);
        if (answer.kind === 'run') return finish(answer.value);
        const severity = vscode.InputBoxValidationSeverity.Warning;
        suggested = { value: answer.value, message: { message: answer.message, severity } };
        box.value = answer.value;
        box.validationMessage = suggested.message;
      }),
      box.onDidHide(() => finish(undefined)),
    );
    box.show();
  });
}
