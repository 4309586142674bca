import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { describeHttpError } from './core/jobs-api.service';
import { pageAfterSwitch, PageReload } from './core/page-reload';
import { SessionService } from './core/session.service';
import { WorkspacesApiService } from './core/workspaces-api.service';

@Component({
  selector: 'sl-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly router = inject(Router);
  private readonly reload = inject(PageReload);
  private readonly workspaces = inject(WorkspacesApiService);
  readonly session = inject(SessionService);

  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  readonly newWorkspaceName = signal('');

  switchTo(workspaceId: string): void {
    if (workspaceId === this.session.workspace()?.id) return;
    this.run(() => this.session.switchWorkspace(workspaceId).subscribe({ next: () => this.reloadInWorkspace(), error: (error: unknown) => this.fail(error) }));
  }

  /** The creator owns the new workspace and goes straight into it. */
  createWorkspace(): void {
    const name = this.newWorkspaceName().trim();
    if (!name) {
      this.error.set('Name the new workspace');
      return;
    }
    this.run(() =>
      this.workspaces.create(name).subscribe({
        next: (workspace) => {
          this.session.addWorkspace(workspace);
          this.newWorkspaceName.set('');
          this.session.switchWorkspace(workspace.id).subscribe({ next: () => this.reloadInWorkspace(), error: (error: unknown) => this.fail(error) });
        },
        error: (error: unknown) => this.fail(error),
      }),
    );
  }

  signOut(): void {
    this.run(() =>
      this.session.signOut().subscribe({
        next: () => {
          this.busy.set(false);
          void this.router.navigateByUrl('/sign-in');
        },
        error: (error: unknown) => this.fail(error),
      }),
    );
  }

  private reloadInWorkspace(): void {
    this.reload.load(pageAfterSwitch(this.router.url));
  }

  private run(start: () => void): void {
    this.busy.set(true);
    this.error.set(null);
    start();
  }

  private fail(error: unknown): void {
    this.busy.set(false);
    this.error.set(describeHttpError(error));
  }
}
