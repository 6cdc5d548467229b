//! Whether this session was unlocked with the recovery code: the security
//! settings then ask for a new passphrase (the code is written down
//! somewhere; the passphrase may have been forgotten or seen).
let used = false;

export function noteRecoveryCodeUsed(): void {
  used = true;
}

export function recoveryCodeWasUsed(): boolean {
  return used;
}

export function clearRecoveryNotice(): void {
  used = false;
}
