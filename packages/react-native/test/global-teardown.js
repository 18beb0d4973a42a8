module.exports = async function globalTeardown() {
  const child = globalThis.__heraldServer;
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
};
