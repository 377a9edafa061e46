/**
 * Module boundaries (docs/architecture.md, "Who owns which tables"): each context under src/ owns its tables, and
 * its entities and repositories are private to it. Another context calls the owner's exported service or reads
 * through a named query module; importing the owner's *.entity.ts, *.entities.ts or *.repository.ts fails CI.
 *
 * Two places are allowed to see every entity, because that is their job: src/database (the data source lists the
 * entity classes TypeORM maps) and entity files themselves (a relation names the entity at the other end of a
 * foreign key, which is schema, not behaviour).
 *
 * No module may import itself through others (no-circular).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-foreign-tables',
      severity: 'error',
      comment:
        "A context's entities and repositories are its own: call its service (or a named query module) instead of importing them.",
      from: { path: '^src/([^/]+)/', pathNot: ['^src/database/', '\\.entit(y|ies)\\.ts$'] },
      to: { path: '^src/([^/]+)/.*\\.(entity|entities|repository)\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Modules import in one direction (type-only imports included): a cycle means two modules are one, or a shared type belongs in a file of its own (as ChatRef does).',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
