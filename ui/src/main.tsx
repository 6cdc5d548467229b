//! Entry point: mounts the React app into index.html.
import "./launchClock";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { markPlatform } from "./app/platform";
import "./styles.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");

markPlatform();
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
