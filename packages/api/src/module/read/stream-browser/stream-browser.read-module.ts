import { Module } from '@nestjs/common';
import { StreamBrowserController } from './stream-browser.controller';

/** Browsing the event store itself (the developer console): no read model of its own. */
@Module({ controllers: [StreamBrowserController] })
export class StreamBrowserReadModule {}
