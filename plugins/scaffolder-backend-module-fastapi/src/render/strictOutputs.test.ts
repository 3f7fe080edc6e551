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
    expect(withStrictOutputs(source)).toBe(expected);
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
    expect(withStrictOutputs(source)).toBe(source);
  });

  it('rewrites outputs after raw blocks and comments', () => {
    expect(
      withStrictOutputs('{% raw %}${{ x }}{% endraw %}{# c #}${{ y }}'),
    ).toBe('{% raw %}${{ x }}{% endraw %}{# c #}${{ ( y ) | strictOutput }}');
  });

  it('never adds a line break, so error line numbers stay true', () => {
    const source = '${{ a\n| py }}\n{% if b %}\n${{ c }}{% endif %}';
    expect(withStrictOutputs(source).split('\n')).toHaveLength(
      source.split('\n').length,
    );
  });
});
