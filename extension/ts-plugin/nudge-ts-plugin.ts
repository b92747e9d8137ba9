/**
 * A TypeScript server plugin for VS Code's own TypeScript (package.json's
 * `contributes.typescriptServerPlugins`): in a workspace that does not have
 * the nudge package installed, `import ... from 'nudge'` in a sequence file
 * would be ts(2307) "Cannot find module 'nudge'" next to Nudge's own
 * diagnostics. The plugin resolves the module name 'nudge' to the DSL's
 * sources shipped with the extension, the file Nudge's own type checker uses
 * (`dslEntry()`), and only where 'nudge' does not resolve otherwise: an
 * installed nudge package, or a `paths` mapping, keeps its own resolution.
 *
 * scripts/build.mjs bundles this file to node_modules/nudge-ts-plugin/ (the
 * TypeScript server loads plugins by package name from the extension's
 * node_modules). It must not import `typescript`: it runs inside whichever
 * TypeScript the editor uses and gets that module from the server.
 */
import type * as ts from 'typescript';
import { dslEntry } from '../../dsl/loader/package-root';

type TypeScript = typeof ts;

export const NUDGE_MODULE = 'nudge';
export const PLUGIN_NAME = 'nudge-ts-plugin';

/** 'nudge', resolved to the DSL shipped with the extension: like a package from node_modules (not the user's code). */
function dslModule(typescript: TypeScript, dslFile: string): ts.ResolvedModuleFull {
  return { resolvedFileName: dslFile, extension: typescript.Extension.Ts, isExternalLibraryImport: true };
}

/**
 * Wraps the host's module resolution (the server's project is the host) so
 * that an unresolved 'nudge' resolves to `dslFile`. Both the current hook
 * (`resolveModuleNameLiterals`, TypeScript 5.0+) and the older one
 * (`resolveModuleNames`) are wrapped, for workspace TypeScript versions.
 * Returns false when the host resolves modules itself with neither hook.
 */
export function resolveNudgeToDsl(typescript: TypeScript, host: ts.LanguageServiceHost, dslFile: string = dslEntry()): boolean {
  let wrapped = false;
  const literals = host.resolveModuleNameLiterals?.bind(host);
  if (literals) {
    host.resolveModuleNameLiterals = (moduleLiterals, containingFile, redirectedReference, options, containingSourceFile, reusedNames) => {
      const results = literals(moduleLiterals, containingFile, redirectedReference, options, containingSourceFile, reusedNames);
      return results.map((r, i) => (!r.resolvedModule && moduleLiterals[i]?.text === NUDGE_MODULE ? { ...r, resolvedModule: dslModule(typescript, dslFile) } : r));
    };
    wrapped = true;
  }
  const names = host.resolveModuleNames?.bind(host);
  if (names) {
    host.resolveModuleNames = (moduleNames, containingFile, reusedNames, redirectedReference, options, containingSourceFile) => {
      const results = names(moduleNames, containingFile, reusedNames, redirectedReference, options, containingSourceFile);
      return results.map((r, i) => (!r && moduleNames[i] === NUDGE_MODULE ? dslModule(typescript, dslFile) : r));
    };
    wrapped = true;
  }
  return wrapped;
}

/** Sequence files: the files whose type errors Nudge's own checker reports (extension/config.ts isSequenceDocument). */
export const isSequenceFile = (fileName: string): boolean => fileName.endsWith('.seq.ts');

/**
 * The server's language service, minus its syntactic and semantic
 * diagnostics for sequence files: Nudge's own checker reports those (with
 * stricter options than VS Code's defaults for loose files), and the same
 * error twice in the Problems panel, as ts(2322) and ts(TS2322), is noise.
 * Hovers, completions and quick fixes stay the server's, with the DSL's types.
 */
export function withoutSequenceFileDiagnostics(service: ts.LanguageService): ts.LanguageService {
  return new Proxy(service, {
    get(target, key, receiver) {
      if (key === 'getSemanticDiagnostics' || key === 'getSyntacticDiagnostics') {
        const original = target[key].bind(target);
        return (fileName: string) => (isSequenceFile(fileName) ? [] : original(fileName));
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/** The plugin module's export: the server calls it with its own `typescript`. */
export function init(modules: { typescript: TypeScript }): ts.server.PluginModule {
  const typescript = modules.typescript;
  return {
    create(info) {
      const log = (message: string) => info.project.projectService.logger.info(`[${PLUGIN_NAME}] ${message}`);
      try {
        const dslFile = dslEntry();
        if (resolveNudgeToDsl(typescript, info.languageServiceHost, dslFile)) log(`'${NUDGE_MODULE}' resolves to ${dslFile} where nothing else provides it`);
        else log('this TypeScript resolves modules without a host hook: nothing to do');
      } catch (err) {
        // Never take the editor's TypeScript down with us.
        log(`not enabled: ${err instanceof Error ? err.message : String(err)}`);
      }
      return withoutSequenceFileDiagnostics(info.languageService);
    },
  };
}
