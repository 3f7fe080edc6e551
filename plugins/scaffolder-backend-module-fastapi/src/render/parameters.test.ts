import { parseRenderParameters } from './parameters';

const base = { name: 'orders-api', owner: 'group:default/team-a' };

describe('parseRenderParameters', () => {
  it('takes an origin with a lone trailing slash as that origin', () => {
    expect(
      parseRenderParameters({
        ...base,
        corsOrigins: [
          'https://app.example.com/',
          'https://app.example.com',
          'http://localhost:3000/',
        ],
      }).corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:3000']);
  });

  it('still refuses a path after the host', () => {
    expect(() =>
      parseRenderParameters({
        ...base,
        corsOrigins: ['https://app.example.com//'],
      }),
    ).toThrow('must be an origin without a path, query or fragment');
  });
});
