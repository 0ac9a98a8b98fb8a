/** A top-level function found in a source file (1-based lines). */
export interface FunctionInfo {
  name: string;
  line: number;
  endLine: number;
  params: string[];
  isAsync: boolean;
}
