export function startMailSink(options: {
  port?: number;
  host?: string;
  onMessage: (message: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
}): Promise<{ server: { close(cb: () => void): void }; port: number }>;
