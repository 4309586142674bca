import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AddedMemberView, MemberView, WorkspaceRole } from '@sluice/contracts';
import { Observable } from 'rxjs';

/** Members of the session's workspace (/api/members); changes need the owner role. */
@Injectable({ providedIn: 'root' })
export class MembersApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<MemberView[]> {
    return this.http.get<MemberView[]>('/api/members');
  }

  /** For someone who cannot sign in yet, the answer carries a one-time sign-in link to pass on. */
  add(email: string, role: WorkspaceRole): Observable<AddedMemberView> {
    return this.http.post<AddedMemberView>('/api/members', { email, role });
  }

  changeRole(userId: string, role: WorkspaceRole): Observable<MemberView> {
    return this.http.patch<MemberView>(`/api/members/${encodeURIComponent(userId)}`, { role });
  }

  remove(userId: string): Observable<void> {
    return this.http.delete<void>(`/api/members/${encodeURIComponent(userId)}`);
  }
}
