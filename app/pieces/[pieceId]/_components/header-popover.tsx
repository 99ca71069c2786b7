"use client";
/**
 * The piece header's popovers (Credits, Members, Invite, the "+N" people): one open at a time, so opening one closes
 * the other; Escape or a click outside closes it, and focus goes back to the button that opened it.
 */
import { createContext, useContext, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { useDismiss } from "@/app/_components/use-dismiss";

interface OpenPopover {
  openId: string | null;
  setOpenId(update: (current: string | null) => string | null): void;
}

const HeaderPopovers = createContext<OpenPopover | null>(null);

export function HeaderPopoverProvider({ children }: { children: ReactNode }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const value = useMemo(() => ({ openId, setOpenId }), [openId]);
  return <HeaderPopovers.Provider value={value}>{children}</HeaderPopovers.Provider>;
}

/**
 * One popover of the header. Spread `buttonProps` on its button, put `wrapRef` on the element holding the button and
 * the popover (a click inside it is not outside), and give the popover the id `panelId`.
 */
export function useHeaderPopover<Wrap extends HTMLElement = HTMLDivElement>() {
  const popovers = useContext(HeaderPopovers);
  if (!popovers) throw new Error("useHeaderPopover is for popovers inside the piece header (HeaderPopoverProvider)");
  const { openId, setOpenId } = popovers;
  const id = useId();
  const panelId = `${id}-panel`;
  const open = openId === id;
  const wrapRef = useRef<Wrap>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // Only this one: another may have opened meanwhile.
  const hide = () => setOpenId((current) => (current === id ? null : current));
  const close = () => {
    hide();
    buttonRef.current?.focus();
  };

  useDismiss(open, { wrap: wrapRef, button: buttonRef, hide });

  return {
    open,
    close,
    panelId,
    wrapRef,
    buttonProps: {
      ref: buttonRef,
      type: "button" as const,
      onClick: () => setOpenId((current) => (current === id ? null : id)),
      "aria-expanded": open,
      "aria-controls": panelId,
    },
  };
}
