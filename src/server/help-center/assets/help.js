// Rapport help center: progressive enhancement only; every page works without it.
(() => {
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  // "Talk to a person": the chat widget when the page embeds one, else the contact section.
  const openContact = () => {
    const section = $("#contact");
    const form = $("[data-contact]");
    if (form) form.hidden = false;
    section?.scrollIntoView({ behavior: "smooth", block: "start" });
    ($("#c-email") ?? section)?.focus({ preventScroll: true });
  };
  for (const el of $$("[data-talk]")) {
    el.addEventListener("click", (e) => {
      const chat = $("[data-chat]");
      const rapport = window.Rapport;
      e.preventDefault();
      if (chat && rapport && typeof rapport.open === "function") rapport.open();
      else openContact();
    });
  }

  // Was this helpful? Vote, then an optional comment that replaces the vote with the same answer plus text.
  for (const form of $$("[data-feedback]")) {
    const url = form.getAttribute("data-feedback");
    const more = $(".fb-more", form);
    let helpful = null;
    const send = async (body) => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    };
    for (const button of $$("[data-helpful]", form)) {
      button.addEventListener("click", async () => {
        helpful = button.getAttribute("data-helpful") === "true";
        for (const b of $$("[data-helpful]", form)) b.setAttribute("aria-pressed", String(b === button));
        try {
          await send({ helpful });
          form.setAttribute("data-voted", String(helpful));
          more.hidden = false;
          $(".fb-thanks", form)?.focus();
        } catch {
          button.setAttribute("aria-pressed", "false");
        }
      });
    }
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (helpful === null) return;
      const comment = $("textarea", form).value.trim();
      if (!comment) return;
      try {
        await send({ helpful, comment });
        $("textarea", form).disabled = true;
        $("button[type=submit]", form).disabled = true;
      } catch {}
    });
  }

  // The contact form, sent in place with inline errors (it also works as a plain form post).
  for (const form of $$("[data-contact]")) {
    const status = $("[data-status]", form);
    const showError = (input, show) => {
      const err = $(`#${input.id}-error`, form);
      input.setAttribute("aria-invalid", String(show));
      if (err) {
        err.textContent = show ? input.getAttribute("data-error") : "";
        err.hidden = !show;
      }
    };
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const email = $("#c-email", form);
      const message = $("#c-message", form);
      const badEmail = !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.value.trim());
      const badMessage = !message.value.trim();
      showError(email, badEmail);
      showError(message, badMessage);
      if (badEmail || badMessage) return (badEmail ? email : message).focus();
      const data = Object.fromEntries(new FormData(form));
      if (!data.website) delete data.website;
      if (!data.name) delete data.name;
      status.textContent = status.getAttribute("data-sending");
      const button = $("button[type=submit]", form);
      button.disabled = true;
      try {
        const res = await fetch(form.action, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(data),
          credentials: "same-origin",
        });
        if (!res.ok) throw new Error(String(res.status));
        form.reset();
        status.textContent = status.getAttribute("data-sent");
        status.classList.add("success");
      } catch {
        status.textContent = status.getAttribute("data-failed");
        status.classList.remove("success");
      } finally {
        button.disabled = false;
      }
    });
  }
})();
