import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('boots to the guest sign-in page of the local portal', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'FastAPI Golden Path' },
            backend: { baseUrl: 'http://localhost:7007' },
            auth: { providers: { guest: {} } },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByText(/Enter as a Guest User/, {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('FastAPI Golden Path')).toBeInTheDocument();
  });
});
