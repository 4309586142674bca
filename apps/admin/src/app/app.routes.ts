import { Route } from '@angular/router';

export const appRoutes: Route[] = [
  { path: '', title: 'Jobs · Sluice', loadComponent: () => import('./features/jobs/jobs-page').then((m) => m.JobsPage) },
  {
    path: 'jobs/:id',
    title: 'Job · Sluice',
    loadComponent: () => import('./features/job-detail/job-detail-page').then((m) => m.JobDetailPage),
  },
  { path: '**', redirectTo: '' },
];
