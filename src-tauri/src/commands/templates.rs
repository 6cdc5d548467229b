//! Commands for the template library and for rendering a template into a draft.

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
    Ok(templates::list(
        state.store()?.conn(),
        &query,
        department.as_deref(),
    )?)
}

#[tauri::command]
pub async fn create_template(
    state: State<'_, Casebook>,
    template: TemplateInput,
) -> CommandResult<Template> {
    Ok(templates::create(
        &mut *state.store()?,
        &template,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn update_template(
    state: State<'_, Casebook>,
    id: i64,
    template: TemplateInput,
) -> CommandResult<Template> {
    Ok(templates::update(
        &mut *state.store()?,
        id,
        &template,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn duplicate_template(state: State<'_, Casebook>, id: i64) -> CommandResult<Template> {
    Ok(templates::duplicate(
        &mut *state.store()?,
        id,
        Now::system(),
    )?)
}

#[tauri::command]
pub async fn delete_template(state: State<'_, Casebook>, id: i64) -> CommandResult<()> {
    Ok(templates::delete(&mut *state.store()?, id)?)
}

/// Renders a template (by id, or by dot-phrase trigger) for a case.
#[tauri::command]
pub async fn render_template(
    state: State<'_, Casebook>,
    case_id: i64,
    template_id: Option<i64>,
    trigger: Option<String>,
) -> CommandResult<Option<Rendered>> {
    let mut store = state.store()?;
    let id = match (template_id, trigger) {
        (Some(id), _) => id,
        (None, Some(t)) => match templates::by_trigger(store.conn(), &t)? {
            Some(found) => found.id,
            None => return Ok(None),
        },
        (None, None) => return Ok(None),
    };
    Ok(Some(templates::render_for_case(
        &mut store,
        case_id,
        id,
        Now::system(),
    )?))
}
