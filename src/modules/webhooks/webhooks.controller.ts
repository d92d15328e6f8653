import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseUuidPipe } from '../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../common/http/problem.dto';
import {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveriesQueryDto,
  WebhookDeliveryDto,
  WebhookDeliveryListDto,
  WebhookEndpointCreatedDto,
  WebhookEndpointDto,
  WebhookEndpointListDto,
  WebhookSecretDto,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('endpoints')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an endpoint; the signing secret is in this answer only (admin)' })
  @ApiCreatedResponse({ type: WebhookEndpointCreatedDto })
  @ApiProblems(400, 401, 403, 413, 422)
  create(@Body() dto: CreateWebhookEndpointDto): Promise<WebhookEndpointCreatedDto> {
    return this.webhooks.create(dto);
  }

  @Get('endpoints')
  @ApiOperation({ summary: 'List endpoints (admin)' })
  @ApiOkResponse({ type: WebhookEndpointListDto })
  @ApiProblems(401, 403)
  async list(): Promise<WebhookEndpointListDto> {
    return { items: await this.webhooks.list() };
  }

  @Get('endpoints/:id')
  @ApiOperation({ summary: 'One endpoint, with why it was disabled if it was (admin)' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', ParseUuidPipe) id: string): Promise<WebhookEndpointDto> {
    return this.webhooks.get(id);
  }

  @Patch('endpoints/:id')
  @ApiOperation({ summary: 'Change URL, event types, description; enable or disable (admin)' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems(400, 401, 403, 404, 413, 422)
  update(@Param('id', ParseUuidPipe) id: string, @Body() dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    return this.webhooks.update(id, dto);
  }

  @Delete('endpoints/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint and its deliveries (admin)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  async remove(@Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.webhooks.remove(id);
  }

  @Post('endpoints/:id/secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the signing secret; the new one is in this answer only (admin)' })
  @ApiOkResponse({ type: WebhookSecretDto })
  @ApiProblems(400, 401, 403, 404)
  rotate(@Param('id', ParseUuidPipe) id: string): Promise<WebhookSecretDto> {
    return this.webhooks.rotateSecret(id);
  }

  @Get('endpoints/:id/deliveries')
  @ApiOperation({ summary: 'Deliveries to an endpoint, newest first: status, response, attempts, next attempt (admin)' })
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiProblems(400, 401, 403, 404)
  async deliveries(@Param('id', ParseUuidPipe) id: string, @Query() query: WebhookDeliveriesQueryDto): Promise<WebhookDeliveryListDto> {
    return { items: await this.webhooks.deliveries(id, query.limit) };
  }

  @Post('endpoints/:id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a webhook.test event to the endpoint (admin)' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiProblems(400, 401, 403, 404, 409)
  sendTest(@Param('id', ParseUuidPipe) id: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.sendTest(id);
  }

  @Post('deliveries/:id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again, same webhook-id and body (admin)' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiProblems(400, 401, 403, 404, 409)
  replay(@Param('id', ParseUuidPipe) id: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.replay(id);
  }
}
