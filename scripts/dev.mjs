// `npm run dev`: the API and realtime server (restarts on change) on :3000 and the
// SvelteKit dev server with hot reload on :5173, which proxies /api and /socket.io to it.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/src/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: process.env.PORT ?? '3000', WEB_BUILD_DIR: '/nonexistent' },
  }),
  spawn('npm', ['run', 'dev', '-w', 'web', '--', '--port', '5173'], { stdio: 'inherit' }),
];
console.log('\n  Náměstí dev: open http://localhost:5173\n');
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && stop());
