// node drive.mjs TREE CASE CALLS: prepare a micro case, warm CALLS calls, time CALLS calls; prints CPU ns/instr (user+sys of the process)
const [tree, id, calls] = [process.argv[2], process.argv[3], Number(process.argv[4] ?? 200)];
const { microCases } = await import(`${tree}/dist/bench/hotpaths.js`);
const c = microCases().cases.find((x) => x.id === id);
const { body } = c.prepare();
for (let i = 0; i < calls; i++) body();
const t0 = process.cpuUsage();
for (let i = 0; i < calls; i++) body();
const u = process.cpuUsage(t0);
console.log(id, ((u.user + u.system) / calls / 1e3).toFixed(3), 'ns/instr');
