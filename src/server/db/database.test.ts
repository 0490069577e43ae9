import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { DatabaseConfigError, readDatabaseConfig } from './database';

describe('readDatabaseConfig', () => {
  it('defaults to the SQLite file in DATA_DIR', () => {
    expect(readDatabaseConfig({})).toEqual({ engine: 'sqlite', path: resolve('./data/tongxing.sqlite') });
    expect(readDatabaseConfig({ DATA_DIR: '/srv/tx' })).toEqual({ engine: 'sqlite', path: '/srv/tx/tongxing.sqlite' });
    expect(readDatabaseConfig({ DATABASE_URL: '  ' })).toEqual({ engine: 'sqlite', path: resolve('./data/tongxing.sqlite') });
  });

  it('takes another SQLite file as file:<path>', () => {
    expect(readDatabaseConfig({ DATABASE_URL: 'file:/tmp/x.sqlite' })).toEqual({ engine: 'sqlite', path: '/tmp/x.sqlite' });
    expect(() => readDatabaseConfig({ DATABASE_URL: 'file:' })).toThrow(DatabaseConfigError);
  });

  it('takes PostgreSQL as postgres:// or postgresql://, with a pool size', () => {
    expect(readDatabaseConfig({ DATABASE_URL: 'postgres://u:p@h/db' })).toEqual({ engine: 'postgres', url: 'postgres://u:p@h/db', poolSize: 10 });
    expect(readDatabaseConfig({ DATABASE_URL: 'postgresql://h/db', DATABASE_POOL_SIZE: '4' })).toMatchObject({ engine: 'postgres', poolSize: 4 });
    for (const bad of ['0', '-1', '2.5', 'many']) expect(() => readDatabaseConfig({ DATABASE_URL: 'postgres://h/db', DATABASE_POOL_SIZE: bad }), bad).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('refuses anything else, naming the variable and never echoing its value (it may hold a password)', () => {
    for (const url of ['mysql://u:secret@h/db', 'secret', 'http://u:secret@h/']) {
      let message = '';
      try {
        readDatabaseConfig({ DATABASE_URL: url });
      } catch (error) {
        expect(error).toBeInstanceOf(DatabaseConfigError);
        message = (error as Error).message;
      }
      expect(message).toContain('DATABASE_URL');
      expect(message).not.toContain('secret');
    }
  });
});
