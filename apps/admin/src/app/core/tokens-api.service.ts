import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ApiTokenView, CreatedApiTokenView, TokenScope } from '@sluice/contracts';
import { Observable } from 'rxjs';

export interface NewApiToken {
  name: string;
  scopes: TokenScope[];
  /** Omitted: the token does not expire. */
  expiresInDays?: number;
}

/** API tokens of the session's workspace (/api/tokens, owner only). */
@Injectable({ providedIn: 'root' })
export class TokensApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<ApiTokenView[]> {
    return this.http.get<ApiTokenView[]>('/api/tokens');
  }

  /** The only answer that carries the token itself. */
  create(token: NewApiToken): Observable<CreatedApiTokenView> {
    return this.http.post<CreatedApiTokenView>('/api/tokens', token);
  }

  revoke(id: string): Observable<void> {
    return this.http.delete<void>(`/api/tokens/${encodeURIComponent(id)}`);
  }
}
