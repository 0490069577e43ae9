/**
 * Stops with a clear message when the project's own Node 24 is not the one running: that
 * happens after `npm install --ignore-scripts`, which skips the `node` package's install
 * step, so npm scripts fall back to the system's Node (TOOLCHAIN.md).
 */
export function requireProjectNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return;
  console.error(
    `Tongxing needs Node 24, which npm installs into node_modules (the "node" devDependency).\n` +
      `This is Node ${process.version} (${process.execPath}). Run \`npm rebuild node\` (or \`npm install\` without --ignore-scripts), then try again.`,
  );
  process.exit(1);
}
