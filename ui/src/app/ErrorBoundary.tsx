//! Keeps the window from going blank when a component throws: shows a calm
//! message and a way back to the inbox instead.
import { Component, type ErrorInfo, type ReactNode } from "react";
import { i18n } from "../i18n";
import { navigate } from "./navigation";

type Props = { children: ReactNode; resetKey?: string };
type State = { error: Error | null };

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("Casebook UI error", error, info.componentStack);
  }

  override componentDidUpdate(prev: Props): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) {
      this.setState({ error: null });
    }
  }

  private readonly reset = (): void => {
    this.setState({ error: null });
    navigate({ name: "inbox" });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert" data-testid="ui-error">
        <h2>{i18n.t("app.crashed")}</h2>
        <p className="crash-detail">{error.message}</p>
        <p>{i18n.t("app.crashedHint")}</p>
        <button type="button" className="button" onClick={this.reset}>
          {i18n.t("app.reload")}
        </button>
      </div>
    );
  }
}
