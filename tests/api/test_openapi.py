"""The API documents itself at /api/openapi.json, and the README's API tables name exactly its routes."""
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / 'README.md'
ROUTE_ROW = re.compile(r'^\| `(GET|POST|PUT|PATCH|DELETE) (/api/[^`\s?]*)')
METHODS = {'get', 'post', 'put', 'patch', 'delete'}


def _normalized(path: str) -> str:
    return re.sub(r'\{[^}]*\}', '{}', path)  # `{id}` in the README is `{message_id}` in the code


def readme_routes() -> set[tuple[str, str]]:
    rows = (ROUTE_ROW.match(line) for line in README.read_text(encoding='utf-8').splitlines())
    return {(row[1], _normalized(row[2])) for row in rows if row}


async def test_the_openapi_document_lists_the_readme_routes_and_no_others(api) -> None:
    response = await api.get('/api/openapi.json')
    assert response.status_code == 200
    document = response.json()
    assert document['info']['title'] == 'StudyHall API'
    served = {(method.upper(), _normalized(path)) for path, operations in document['paths'].items()
              for method in operations if method in METHODS}
    documented = readme_routes()
    assert len(documented) >= 19  # the tables were found
    assert served - documented == set(), 'routes the README does not list'
    assert documented - served == set(), 'routes the README lists that the API does not have'


async def test_the_openapi_document_describes_refusals_and_host_keys(api) -> None:
    document = (await api.get('/api/openapi.json')).json()
    patch = document['paths']['/api/sessions/{code}']['patch']
    assert '403' in patch['responses']
    assert any(parameter['name'] == 'X-Host-Key' for parameter in patch['parameters'])
