import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { WorkspaceView } from '@sluice/contracts';
import { Observable } from 'rxjs';

/** The caller's workspaces (/api/workspaces); switching between them is the session's business. */
@Injectable({ providedIn: 'root' })
export class WorkspacesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<WorkspaceView[]> {
    return this.http.get<WorkspaceView[]>('/api/workspaces');
  }

  /** The caller becomes its owner; the presets are installed as version 1 of its own copies. */
  create(name: string): Observable<WorkspaceView> {
    return this.http.post<WorkspaceView>('/api/workspaces', { name });
  }
}
