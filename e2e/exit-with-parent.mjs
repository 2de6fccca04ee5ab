// Loaded with `node --import ./e2e/exit-with-parent.mjs` into every process the e2e run starts and leaves running
// (playwright.config.ts's web servers, e2e/servers.ts's app servers): when the process that started it is gone (the
// Playwright runner or worker killed, a terminal closed), the process is sent SIGTERM, as Playwright would have at
// the end of the run. Otherwise the sink, the stand-ins and the app servers outlived a killed run and held their
// ports, and the next run stopped at once ("http://localhost:… is already used"). The app's own code is unchanged:
// the production server is started this way only by the tests.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
}, 500).unref();
