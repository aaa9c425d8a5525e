import { Module } from '@nestjs/common';
import { AdminAccounts } from './admin-accounts';

@Module({ providers: [AdminAccounts], exports: [AdminAccounts] })
export class AdminModule {}
