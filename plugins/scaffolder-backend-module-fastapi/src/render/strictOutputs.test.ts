import { withStrictOutputs } from './strictOutputs';

describe('withStrictOutputs', () => {
  it.each([
    ['${{ a }}', '${{ ( a ) | strictOutput }}'],
    ['x ${{ a | py }} y', 'x ${{ ( a | py ) | strictOutput }} y'],
    ['${{- a -}}', '${{- ( a ) | strictOutput -}}'],
    ['${{ "}}" + a }}', '${{ ( "}}" + a ) | strictOutput }}'],
    ["${{ 'it\\'s }}' }}", "${{ ( 'it\\'s }}' ) | strictOutput }}"],
    [
      '${{ a }}\n${{ b }}',
      '${{ ( a ) | strictOutput }}\n${{ ( b ) | strictOutput }}',
    ],
  ])('routes %j through the strict filter', (source, expected) => {
    expect(withStrictOutputs(source).text).toBe(expected);
  });

  it.each([
    'plain {{ 7*7 }} text',
    '{% raw %}${{ github.sha }}{% endraw %}',
    '{%- raw -%}${{ a }}{%- endraw -%} ',
    '{# ${{ a }} #}',
    '{% set x = "${{ a }}" %}',
    '{% if a %}b{% endif %}',
    '${{ unclosed',
  ])('leaves %j alone', source => {
    expect(withStrictOutputs(source).text).toBe(source);
  });

  it('rewrites outputs after raw blocks and comments', () => {
    expect(
      withStrictOutputs('{% raw %}${{ x }}{% endraw %}{# c #}${{ y }}').text,
    ).toBe('{% raw %}${{ x }}{% endraw %}{# c #}${{ ( y ) | strictOutput }}');
  });

  it('never adds a line break, so error line numbers stay true', () => {
    const source = '${{ a\n| py }}\n{% if b %}\n${{ c }}{% endif %}';
    expect(withStrictOutputs(source).text.split('\n')).toHaveLength(
      source.split('\n').length,
    );
  });

  it('maps columns the engine reports back to the skeleton file', () => {
    const source = 'ab ${{ x }} ${{ y.z }}\n  ${{ w }}';
    const { text, sourceColumn } = withStrictOutputs(source);
    const columnOf = (needle: string, from = 0) => {
      const at = text.indexOf(needle, from);
      const line = text.slice(0, at).split('\n').length;
      return [line, at - text.lastIndexOf('\n', at - 1)] as const;
    };
    expect(sourceColumn(...columnOf('x'))).toBe(source.indexOf('x') + 1);
    expect(sourceColumn(...columnOf('z'))).toBe(source.indexOf('z') + 1);
    expect(sourceColumn(...columnOf('w'))).toBe('  ${{ w }}'.indexOf('w') + 1);
    expect(sourceColumn(1, 1)).toBe(1);
  });
});
