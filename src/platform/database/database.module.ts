import { Global, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/settings';
import { dataSourceOptions } from './data-source.options';
import { runMigrations } from './migration.runner';
import { DatabaseNotifications } from './database-notifications';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: async (db: ConfigType<typeof databaseConfig>) => {
        // Migrations run as the connecting user; the app's own connections use the restricted role.
        if (db.migrateOnStart) await runMigrations(db.url);
        return { ...dataSourceOptions(db.url, { poolSize: db.poolSize, role: db.appRole }), retryAttempts: 2, retryDelay: 1000 };
      },
    }),
  ],
  providers: [DatabaseNotifications],
  exports: [DatabaseNotifications],
})
export class DatabaseModule {}
