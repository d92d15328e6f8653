import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/http/problem.dto';
import { CreateTagDto, TagListResponseDto, TagResponseDto, UpdateTagDto } from './dto/tag.dto';
import { TagsService } from './tags.service';

@ApiTags('tags')
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @ApiOperation({ summary: 'List tags with their article counts' })
  @ApiOkResponse({ type: TagListResponseDto })
  @ApiProblems(400)
  async list(): Promise<TagListResponseDto> {
    return { items: await this.tags.list() };
  }

  @Post()
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a tag (admin)' })
  @ApiCreatedResponse({ type: TagResponseDto })
  @ApiProblems(400, 401, 403, 409, 413)
  create(@Body() dto: CreateTagDto): Promise<TagResponseDto> {
    return this.tags.create(dto);
  }

  @Patch(':slug')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Rename a tag: new display name and/or slug (admin)' })
  @ApiOkResponse({ type: TagResponseDto })
  @ApiProblems(400, 401, 403, 404, 409, 413)
  rename(@Param('slug') slug: string, @Body() dto: UpdateTagDto): Promise<TagResponseDto> {
    return this.tags.rename(slug, dto);
  }

  @Delete(':slug')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Delete a tag; articles keep existing without it (admin)' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404)
  async remove(@Param('slug') slug: string): Promise<void> {
    await this.tags.remove(slug);
  }
}
