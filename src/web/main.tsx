import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import "./styles/base.css";
import "./styles/auth.css";
import "./styles/nav.css";
import "./styles/list.css";
import "./styles/conversation.css";
import "./styles/sidebar.css";
import "./styles/knowledge.css";
import "./styles/chat.css";
import "./styles/empathy.css";
import "./styles/responsive.css";

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
