/** Which methods each path takes (the server's 405s). */
import { describe, expect, it } from 'vitest';
import { canonicalPath, routeOf } from './routes';

describe('routes', () => {
  it.each([
    ['/', 'page', 'GET, HEAD'],
    ['/en/', 'page', 'GET, HEAD'],
    ['/services/living-subsidy/', 'page', 'GET, HEAD'],
    ['/videos/sample.zh.vtt', 'file', 'GET, HEAD'],
    ['/_astro/x.js', 'file', 'GET, HEAD'],
    ['/settings/', 'settings', 'GET, HEAD, POST'],
    ['/en/settings', 'settings', 'GET, HEAD, POST'],
    ['/check/', 'check', 'GET, HEAD, POST'],
    ['/en/check/region', 'check', 'GET, HEAD, POST'],
    ['/check/a/b', 'page', 'GET, HEAD'],
    ['/api/eligibility', 'api-eligibility', 'POST, OPTIONS'],
    ['/api/questions', 'api-read', 'GET, HEAD'],
    ['/api/openapi.json', 'api-openapi', 'GET, HEAD'],
    ['/healthz', 'health', 'GET, HEAD'],
    ['/services/?region=x', 'on-demand', 'GET, HEAD'],
  ])('%s is %s and takes %s', (path, name, allow) => {
    const route = routeOf(path);
    expect(route.name).toBe(name);
    expect(route.allow.join(', ')).toBe(allow);
  });

  it('resolves the path as the adapter will, so a dot segment cannot reach a static page as a form', () => {
    expect(canonicalPath('/check/../services/x/')).toBe('/services/x');
    expect(routeOf('/check/../services/x/').allow).toEqual(['GET', 'HEAD']);
    expect(routeOf('/en/%73ettings/').name).toBe('settings');
    expect(canonicalPath('/x/index.html')).toBe('/x');
  });
});
