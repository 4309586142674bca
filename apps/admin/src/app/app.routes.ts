import { Route } from '@angular/router';

import { requireOwner, requireSession } from './core/session.guard';

export const appRoutes: Route[] = [
  { path: 'sign-in', title: 'Sign in · Sluice', loadComponent: () => import('./features/sign-in/sign-in-page').then((m) => m.SignInPage) },
  {
    path: '',
    canActivateChild: [requireSession],
    children: [
      { path: '', title: 'Jobs · Sluice', loadComponent: () => import('./features/jobs/jobs-page').then((m) => m.JobsPage) },
      {
        path: 'jobs/:id',
        title: 'Job · Sluice',
        loadComponent: () => import('./features/job-detail/job-detail-page').then((m) => m.JobDetailPage),
      },
      {
        path: 'jobs/:id/merges',
        title: 'Review merges · Sluice',
        loadComponent: () => import('./features/merge-review/merge-review-page').then((m) => m.MergeReviewPage),
      },
      { path: 'dashboard', title: 'Dashboard · Sluice', loadComponent: () => import('./features/dashboard/dashboard-page').then((m) => m.DashboardPage) },
      { path: 'datasets', title: 'Datasets · Sluice', loadComponent: () => import('./features/datasets/datasets-page').then((m) => m.DatasetsPage) },
      { path: 'datasets/:name', title: 'Dataset · Sluice', loadComponent: () => import('./features/datasets/dataset-editor-page').then((m) => m.DatasetEditorPage) },
      { path: 'pipelines', title: 'Pipelines · Sluice', loadComponent: () => import('./features/pipelines/pipelines-page').then((m) => m.PipelinesPage) },
      {
        path: 'pipelines/:name',
        title: 'Pipeline · Sluice',
        loadComponent: () => import('./features/pipelines/pipeline-editor-page').then((m) => m.PipelineEditorPage),
      },
      { path: 'schedules', title: 'Schedules · Sluice', loadComponent: () => import('./features/schedules/schedules-page').then((m) => m.SchedulesPage) },
      { path: 'storage', title: 'Storage · Sluice', loadComponent: () => import('./features/storage/storage-page').then((m) => m.StoragePage) },
      { path: 'members', title: 'Members · Sluice', loadComponent: () => import('./features/members/members-page').then((m) => m.MembersPage) },
      { path: 'tokens', title: 'API tokens · Sluice', canActivate: [requireOwner], loadComponent: () => import('./features/tokens/tokens-page').then((m) => m.TokensPage) },
      { path: 'audit', title: 'Audit log · Sluice', canActivate: [requireOwner], loadComponent: () => import('./features/audit/audit-page').then((m) => m.AuditPage) },
      { path: 'account', title: 'Account · Sluice', loadComponent: () => import('./features/account/account-page').then((m) => m.AccountPage) },
      { path: '**', redirectTo: '' },
    ],
  },
];
