//! Commands for the template library and for rendering a template into a draft.

use casebook_core::templates::blanks::{self, Blank};
use casebook_core::templates::{self, Rendered, Template, TemplateInput};
use casebook_core::Now;
use tauri::State;

use crate::error::CommandResult;
use crate::state::Casebook;

#[tauri::command]
pub async fn list_templates(
    state: State<'_, Casebook>,
    query: String,
    department: Option<String>,
) -> CommandResult<Vec<Template>> {
    state
        .read(move |c| templates::list(c, &query, department.as_deref()))
        .await
}

#[tauri::command]
pub async fn create_template(
    state: State<'_, Casebook>,
    template: TemplateInput,
) -> CommandResult<Template> {
    state
        .write(move |s| templates::create(s, &template, Now::system()))
        .await
}

#[tauri::command]
pub async fn update_template(
    state: State<'_, Casebook>,
    id: i64,
    template: TemplateInput,
) -> CommandResult<Template> {
    state
        .write(move |s| templates::update(s, id, &template, Now::system()))
        .await
}

#[tauri::command]
pub async fn duplicate_template(state: State<'_, Casebook>, id: i64) -> CommandResult<Template> {
    state
        .write(move |s| templates::duplicate(s, id, Now::system()))
        .await
}

#[tauri::command]
pub async fn delete_template(state: State<'_, Casebook>, id: i64) -> CommandResult<()> {
    state.write(move |s| templates::delete(s, id)).await
}

/// Renders a template (by id, or by dot-phrase trigger) for a case.
#[tauri::command]
pub async fn render_template(
    state: State<'_, Casebook>,
    case_id: i64,
    template_id: Option<i64>,
    trigger: Option<String>,
) -> CommandResult<Option<Rendered>> {
    state
        .write(move |s| {
            templates::render_choice(s, case_id, template_id, trigger.as_deref(), Now::system())
        })
        .await
}

/// The blanks and pick-lists left in `text` (the reply editor's current
/// text), found by the same rule that refuses to mark a reply answered.
#[tauri::command]
pub async fn find_blanks(text: String) -> CommandResult<Vec<Blank>> {
    Ok(blanks::find(&text))
}
