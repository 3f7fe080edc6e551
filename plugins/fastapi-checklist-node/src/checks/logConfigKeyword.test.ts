import { checkOf } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

const main = goodService['app/main.py'].replace(
  '    logging.config.dictConfig({"version": 1})\n',
  '',
);

describe('logging: log_config= counts only when a server takes it (issue 12)', () => {
  it("does not take docker's containers.run(log_config=LogConfig(...)) for logging setup", async () => {
    const item = await checkOf('logging', {
      'app/main.py': `${main}\nfrom app.bots import start_bot\n`,
      'app/bots.py': [
        'import docker',
        'from docker.types import LogConfig',
        '',
        'client = docker.from_env()',
        '',
        'def start_bot(name: str) -> None:',
        '    log_config = LogConfig(type="json-file", config={"max-size": "10m"})',
        '    client.containers.run("bot:latest", name=name, detach=True, log_config=log_config)',
      ].join('\n'),
    });
    expect(main).not.toContain('dictConfig({');
    expect(item.status).toBe('fail');
  });

  it('still passes with uvicorn.run(log_config=...) and a service function handing it on', async () => {
    const serve = (lines: string[]) =>
      checkOf('logging', { 'app/main.py': `${main}\n${lines.join('\n')}\n` });
    const direct = await serve([
      'import uvicorn',
      'LOGGING = {"version": 1}',
      'def serve() -> None:',
      '    uvicorn.run(app, log_config=LOGGING)',
    ]);
    expect(direct.status).toBe('pass');

    const wrapped = await serve([
      'import uvicorn',
      'LOGGING = {"version": 1}',
      'def start(log_config: dict) -> None:',
      '    uvicorn.run(app, log_config=log_config)',
      'def serve() -> None:',
      '    start(log_config=LOGGING)',
    ]);
    expect(wrapped.status).toBe('pass');

    const none = await serve([
      'import uvicorn',
      'def serve() -> None:',
      '    uvicorn.run(app, log_config=None)',
    ]);
    expect(none.status).toBe('fail');
  });
});
