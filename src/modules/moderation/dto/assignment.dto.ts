import { ApiProperty } from '@nestjs/swagger';

export class AssigneeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  displayName: string;
}

/**
 * A moderator's assignment to a queue item: others see who is on it. (The wire names say
 * "claimed", from when the routes were /claim; they stay for clients.)
 */
export class AssignmentDto {
  @ApiProperty({ format: 'uuid' })
  commentId: string;

  @ApiProperty({ type: AssigneeDto, description: 'The moderator the item is assigned to' })
  claimedBy: AssigneeDto;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the assignment lapses unless renewed' })
  until: string;
}
