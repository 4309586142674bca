import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CorrectMergeResult, MergeCorrectionView, MergeGroupView, Paginated } from '@sluice/contracts';
import { CorrectMerge, ListMergeGroups } from '@sluice/jobs';

import { Access } from '../../infra/auth/access.decorator';
import { CurrentPrincipal, CurrentWorkspace } from '../../infra/auth/current-principal.decorator';
import type { Principal } from '../../infra/auth/principal';
import { UuidParam } from '../common/params';
import { ListMergeGroupsDto } from './list-merge-groups.dto';
import { MergeCorrectionDto } from './merge-correction.dto';

@ApiTags('merges')
@Controller('jobs/:id/merges')
export class MergesController {
  constructor(
    private readonly listGroups: ListMergeGroups,
    private readonly correctMerge: CorrectMerge,
  ) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: "A finished job's merge groups with their members, the fields each contributed and the conflicts, paginated" })
  @ApiResponse({ status: 200, description: 'A page of groups and the output version they describe; empty for a dataset without de-duplication keys' })
  @ApiResponse({ status: 404, description: 'No such job' })
  @ApiResponse({ status: 409, description: 'The job has not finished, failed, or was built before Sluice kept merge provenance' })
  @ApiResponse({ status: 410, description: 'The job expired and its files were deleted' })
  list(@CurrentWorkspace() workspaceId: string, @UuidParam() id: string, @Query() query: ListMergeGroupsDto): Promise<Paginated<MergeGroupView> & { outputVersion: number }> {
    return this.listGroups.run(workspaceId, id, { page: query.page, pageSize: query.pageSize, order: query.order, flaggedOnly: query.flagged });
  }

  @Get('corrections')
  @Access('read')
  @ApiOperation({ summary: "The corrections kept for the job's rerun chain, oldest first" })
  @ApiResponse({ status: 404, description: 'No such job' })
  corrections(@CurrentWorkspace() workspaceId: string, @UuidParam() id: string): Promise<MergeCorrectionView[]> {
    return this.correctMerge.list(workspaceId, id);
  }

  @Post('corrections')
  @Access('write')
  @HttpCode(202)
  @ApiOperation({ summary: "Splits records out of their group or joins groups; the job's output is rebuilt as its next version, and reruns apply the correction again" })
  @ApiResponse({ status: 202, description: 'Kept; the rebuild runs: { jobId, outputVersion (the version being built), correction }' })
  @ApiResponse({ status: 400, description: 'Unknown records (named), a split without records, a join of fewer than two records or of one group' })
  @ApiResponse({ status: 404, description: 'No such job' })
  @ApiResponse({ status: 409, description: 'A rebuild is running, or the job has no merges to correct' })
  addCorrection(@CurrentPrincipal() principal: Principal, @UuidParam() id: string, @Body() body: MergeCorrectionDto): Promise<CorrectMergeResult> {
    return this.correctMerge.add(principal.workspaceId, id, { kind: body.kind, records: body.records.map(({ file, line }) => ({ file, line })) }, principal.userId);
  }

  @Delete('corrections/:correctionId')
  @Access('write')
  @HttpCode(202)
  @ApiOperation({ summary: "Undoes a correction: it is removed from the rerun chain and the job's output is rebuilt without it" })
  @ApiResponse({ status: 202, description: 'Removed; the rebuild runs: { jobId, outputVersion, correction (the one removed) }' })
  @ApiResponse({ status: 404, description: 'No such job, or no such correction of its chain' })
  @ApiResponse({ status: 409, description: 'A rebuild is running' })
  undoCorrection(@CurrentWorkspace() workspaceId: string, @UuidParam() id: string, @UuidParam('correctionId') correctionId: string): Promise<CorrectMergeResult> {
    return this.correctMerge.undo(workspaceId, id, correctionId);
  }
}
