import argon2 from 'argon2';

/**
 * argon2id with the library's defaults (OWASP-level memory and time cost). Verifying an unknown account
 * costs the same as a known one, so timing does not reveal which e-mail addresses exist.
 */
export class PasswordHasher {
  private readonly decoy = argon2.hash('signpost decoy password, never valid');

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }
}
