import { Module } from '@nestjs/common';
import { AccountPagesController } from './account-pages.controller';

@Module({ controllers: [AccountPagesController] })
export class AccountPagesModule {}
