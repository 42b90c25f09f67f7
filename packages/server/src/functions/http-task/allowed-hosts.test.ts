import { describe, expect, it } from 'vitest';
import { isHostAllowed, isLoopbackHost } from './allowed-hosts.js';

describe('allowed hosts', () => {
  const url = (text: string) => new URL(text);
  it('matches names, wildcard subdomains, ports and everything', () => {
    expect(isHostAllowed(url('https://api.example.com/x'), ['api.example.com'])).toBe(true);
    expect(isHostAllowed(url('https://API.Example.com:8443/x'), ['api.example.com'])).toBe(true);
    expect(isHostAllowed(url('https://a.b.example.com/'), ['*.example.com'])).toBe(true);
    expect(isHostAllowed(url('https://example.com/'), ['*.example.com'])).toBe(false);
    expect(isHostAllowed(url('https://badexample.com/'), ['*.example.com'])).toBe(false);
    expect(isHostAllowed(url('http://127.0.0.1:8080/'), ['127.0.0.1:8080'])).toBe(true);
    expect(isHostAllowed(url('http://127.0.0.1:8081/'), ['127.0.0.1:8080'])).toBe(false);
    expect(isHostAllowed(url('https://api.example.com/'), ['api.example.com:443'])).toBe(true);
    expect(isHostAllowed(url('http://[::1]:9000/'), ['[::1]:9000'])).toBe(true);
    expect(isHostAllowed(url('https://anything.test/'), ['*'])).toBe(true);
    expect(isHostAllowed(url('https://anything.test/'), [])).toBe(false);
  });

  it('knows which hosts are this machine', () => {
    expect(isLoopbackHost(url('http://localhost:3000/'))).toBe(true);
    expect(isLoopbackHost(url('http://127.0.0.2/'))).toBe(true);
    expect(isLoopbackHost(url('http://[::1]/'))).toBe(true);
    expect(isLoopbackHost(url('http://10.0.0.1/'))).toBe(false);
    expect(isLoopbackHost(url('http://localhost.example.com/'))).toBe(false);
  });
});
