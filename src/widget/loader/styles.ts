/** The launcher and panel styles, inside the shadow root only: nothing leaks into the host page, nothing leaks in. */
export const styles = (color: string, side: "left" | "right") => `
:host{all:initial}
*{box-sizing:border-box}
.launcher{position:fixed;${side}:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border:0;border-radius:50%;
  background:${color};color:#fff;cursor:pointer;display:grid;place-items:center;padding:0;
  box-shadow:0 6px 24px rgba(15,23,42,.24),0 2px 6px rgba(15,23,42,.16);transition:transform .18s ease,box-shadow .18s ease}
.launcher:hover{transform:scale(1.06);box-shadow:0 10px 30px rgba(15,23,42,.3),0 2px 8px rgba(15,23,42,.18)}
.launcher:focus-visible{outline:3px solid ${color};outline-offset:3px}
.launcher svg{width:28px;height:28px;transition:transform .2s ease,opacity .2s ease;position:absolute}
.launcher .x{opacity:0;transform:rotate(-90deg) scale(.6)}
.launcher[aria-expanded=true] .x{opacity:1;transform:none}
.launcher[aria-expanded=true] .bubble{opacity:0;transform:rotate(90deg) scale(.6)}
.badge{position:absolute;top:-2px;${side === "right" ? "right" : "left"}:-2px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;
  background:#e5484d;color:#fff;font:700 12px/22px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:center;
  box-shadow:0 0 0 2px #fff}
.badge[hidden]{display:none}
.panel{position:fixed;${side}:20px;bottom:92px;z-index:2147483000;width:384px;height:min(660px,calc(100vh - 112px));
  border-radius:18px;overflow:hidden;background:#fff;box-shadow:0 16px 48px rgba(15,23,42,.22),0 2px 10px rgba(15,23,42,.12);
  opacity:0;transform:translateY(12px) scale(.98);transform-origin:bottom ${side};pointer-events:none;visibility:hidden;
  transition:opacity .18s ease,transform .18s ease,visibility 0s linear .18s}
.panel.open{opacity:1;transform:none;pointer-events:auto;visibility:visible;transition:opacity .18s ease,transform .18s ease}
.panel iframe{width:100%;height:100%;border:0;display:block;background:#fff;color-scheme:light}
.spinner{position:absolute;inset:0;display:grid;place-items:center}
.spinner::after{content:"";width:28px;height:28px;border-radius:50%;border:3px solid #e2e8f0;border-top-color:${color};animation:spin .8s linear infinite}
.spinner[hidden]{display:none}
@keyframes spin{to{transform:rotate(360deg)}}
@media (max-width:520px),(max-height:520px){
  .panel{${side}:0;bottom:0;width:100vw;height:100vh;height:100dvh;border-radius:0}
  .panel.open~.launcher,.launcher.hide{display:none}
}
@media (prefers-reduced-motion:reduce){.launcher,.panel,.launcher svg{transition:none}}
`;
