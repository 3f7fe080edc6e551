import { textOf } from './textOf';

describe('textOf', () => {
  it('decodes UTF-8 (dropping a BOM) and UTF-16 by its byte-order mark', () => {
    const text = 'fastapi==0.115.6\n';
    expect(textOf(Buffer.from(text))).toBe(text);
    expect(
      textOf(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      ),
    ).toBe(text);
    const le = Buffer.from(text, 'utf16le');
    expect(textOf(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toBe(text);
    const be = Buffer.from(le).swap16();
    expect(textOf(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(text);
  });
});
