//! Input method safety. Clinicians in Taiwan type with Zhuyin (注音) or
//! Cangjie (倉頡): while a candidate is being composed, Enter confirms it,
//! Escape cancels it, arrows move through the candidates, and a comma may be
//! part of the composition. None of those keys are meant for Casebook then.
//!
//! A key belongs to the input method when the browser says so
//! (`isComposing`), when it reports keyCode 229 (WebKit sends that for the
//! Enter that ends a composition, after `compositionend`, with `isComposing`
//! already false), or between our own `compositionstart` and `compositionend`.
import { useMemo, useRef, type CompositionEvent, type KeyboardEvent, type RefObject } from "react";

type AnyKeyboardEvent = KeyboardEvent | globalThis.KeyboardEvent;

/** True when this key press is part of an input method's composition. */
export function isComposingKey(event: AnyKeyboardEvent, composing = false): boolean {
  const native = "nativeEvent" in event ? event.nativeEvent : event;
  return composing || native.isComposing || native.keyCode === 229;
}

export type Composition = {
  /** True between compositionstart and compositionend. */
  composing: RefObject<boolean>;
  /** Whether a key press belongs to the input method. */
  isComposingKey: (event: AnyKeyboardEvent) => boolean;
  onCompositionStart: (event: CompositionEvent) => void;
  onCompositionEnd: (event: CompositionEvent) => void;
};

/** Tracks composition on one input (give it `onCompositionStart` / `onCompositionEnd`). */
export function useComposition(): Composition {
  const composing = useRef(false);
  return useMemo(
    () => ({
      composing,
      isComposingKey: (event: AnyKeyboardEvent) => isComposingKey(event, composing.current),
      onCompositionStart: () => {
        composing.current = true;
      },
      onCompositionEnd: () => {
        composing.current = false;
      },
    }),
    [],
  );
}

/**
 * Props for a container (a dialog, a combobox) whose keyboard handlers are
 * not ours: in the capture phase, a key that belongs to the input method is
 * kept from every handler inside and around it (the browser and the input
 * method still get it, nothing is prevented).
 */
export function useImeGuard() {
  const composing = useRef(false);
  return useMemo(
    () => ({
      onCompositionStartCapture: () => {
        composing.current = true;
      },
      onCompositionEndCapture: () => {
        composing.current = false;
      },
      onKeyDownCapture: (event: KeyboardEvent) => {
        if (isComposingKey(event, composing.current)) event.stopPropagation();
      },
    }),
    [],
  );
}
