import {
  checkOf,
  evidenceLines,
  onlyModules,
} from '../__fixtures__/analyzeFixture';

const service = (lines: string[]) => ({
  'app/routers/probes.py': null,
  ...onlyModules({ 'app/main.py': lines }),
});

describe('auth: the sign-up on a user collection named in Portuguese, Spanish, French or German (issue 12)', () => {
  it('takes POST /contas by create_conta, /usuarios by criar_usuario, /cuentas by crear_cuenta for the sign-up', async () => {
    const item = await checkOf(
      'auth',
      service([
        'from fastapi import FastAPI',
        'app = FastAPI()',
        '@app.post("/contas/")',
        'def create_conta(nome: str, senha: str) -> str:',
        '    return nome',
        '@app.post("/api/usuarios")',
        'def criar_usuario(nome: str, senha: str) -> str:',
        '    return nome',
        '@app.post("/cuentas")',
        'def crear_cuenta(nombre: str, clave: str) -> str:',
        '    return nombre',
        '@app.post("/utilisateurs")',
        'def create_utilisateur(nom: str, mot_de_passe: str) -> str:',
        '    return nom',
        '@app.post("/contas/{conta_id}/livros")',
        'def create_livro(conta_id: int, titulo: str) -> str:',
        '    return titulo',
      ]),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining(
        'POST /contas/{conta_id}/livros (create_livro) is public',
      ),
    ]);
  });

  it('still fails an unguarded update of the collection (PUT /contas/{id})', async () => {
    const item = await checkOf(
      'auth',
      service([
        'from fastapi import FastAPI',
        'app = FastAPI()',
        '@app.put("/contas/{conta_id}")',
        'def update_conta(conta_id: int, nome: str) -> str:',
        '    return nome',
      ]),
    );
    expect(item.status).toBe('fail');
  });
});
