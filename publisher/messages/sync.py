"""Messages of the publish engine (plan, publish, verify, retire): errors by code, verification
problems, the changes a run made, and the retired-datasets list. Keys start with `sync.`.

`sync.error.<code>` is the message of the stable error code `<code>` (see `sync/messages.py`).
"""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    "sync.error.organization-unknown": Msg(
        pt="A organização {detail} não existe no portal nem em datapackages/organizations.json: cadastre-a no arquivo.",
        en="Organization {detail} is neither on the portal nor in datapackages/organizations.json: add it to the file.",
    ),
    "sync.error.organizations-file": Msg(
        pt='{detail} deve conter uma lista JSON de organizações ([{{"name": ..., "title": ...}}])',
        en='{detail} must hold a JSON list of organizations ([{{"name": ..., "title": ...}}])',
    ),
    "sync.error.organization-missing": Msg(
        pt="O pacote não declara owner_org: {detail}",
        en="The package declares no owner_org: {detail}",
    ),
    "sync.error.license-unknown": Msg(
        pt="Licença sem equivalente no portal (CKAN): {detail}",
        en="License with no CKAN equivalent: {detail}",
    ),
    "sync.error.resource-not-local": Msg(
        pt="Só arquivos locais podem ser publicados: {detail}",
        en="Only local files can be published: {detail}",
    ),
    "sync.error.resource-name-reserved": Msg(
        pt="Nome de recurso reservado: {detail}",
        en="Reserved resource name: {detail}",
    ),
    "sync.error.ckan-validation": Msg(
        pt="O portal recusou os dados: {detail}",
        en="The portal rejected the data: {detail}",
    ),
    "sync.error.not-authorized": Msg(
        pt="O token não tem permissão para esta operação no portal: {detail}",
        en="The token is not allowed to do this on the portal: {detail}",
    ),
    "sync.error.not-found": Msg(
        pt="Não encontrado no portal: {detail}",
        en="Not found on the portal: {detail}",
    ),
    "sync.error.portal-unreachable": Msg(
        pt="O portal não responde; nada foi feito. Confira CKAN_URL e se o portal está no ar: {detail}",
        en="The portal does not answer; nothing was done. Check CKAN_URL and whether the portal is up: {detail}",
    ),
    "sync.error.portal-unavailable": Msg(
        pt="Portal indisponível após novas tentativas: {detail}",
        en="Portal unavailable after retries: {detail}",
    ),
    "sync.error.portal-transient": Msg(
        pt="Falha passageira do portal: {detail}",
        en="Transient portal failure: {detail}",
    ),
    "sync.error.portal-unexpected-response": Msg(
        pt="Resposta inesperada do portal: {detail}",
        en="Unexpected answer from the portal: {detail}",
    ),
    "sync.error.upload-too-large": Msg(
        pt="Arquivo maior que o limite do portal (ckan.max_resource_size): {detail}",
        en="File larger than the portal limit (ckan.max_resource_size): {detail}",
    ),
    "sync.error.file-changed": Msg(
        pt="O arquivo mudou durante a publicação; valide e publique de novo: {detail}",
        en="The file changed while being published; validate and publish again: {detail}",
    ),
    "sync.error.portal-mismatch": Msg(
        pt="O portal guardou valores diferentes dos enviados: {detail}",
        en="The portal stored other values than sent: {detail}",
    ),
    "sync.error.local-file-error": Msg(
        pt="Não foi possível ler um arquivo local: {detail}",
        en="Could not read a local file: {detail}",
    ),
    "sync.error.ckan-error": Msg(
        pt="Erro do portal: {detail}",
        en="Portal error: {detail}",
    ),
    "sync.error.unexpected": Msg(
        pt="Erro inesperado: {detail}",
        en="Unexpected error: {detail}",
    ),
    "sync.error.no-token": Msg(
        pt="Sem token de API: defina CKAN_API_TOKEN ou CKAN_API_TOKEN_FILE.",
        en="No API token: set CKAN_API_TOKEN or CKAN_API_TOKEN_FILE.",
    ),
    "sync.verify.missing": Msg(
        pt="não está no portal",
        en="not on the portal",
    ),
    "sync.verify.state": Msg(
        pt="estado no portal é {detail}, não active",
        en="portal state is {detail}, not active",
    ),
    "sync.verify.private": Msg(
        pt="o conjunto está privado no portal",
        en="the dataset is private on the portal",
    ),
    "sync.verify.pending": Msg(
        pt="a publicação ainda tem mudanças pendentes: {detail}",
        en="publishing still has pending changes: {detail}",
    ),
    "sync.verify.resource-missing": Msg(
        pt="recurso {detail} não está no portal",
        en="resource {detail} is not on the portal",
    ),
    "sync.verify.download": Msg(
        pt="download falhou para o recurso {detail}",
        en="download failed for resource {detail}",
    ),
    "sync.verify.size": Msg(
        pt="tamanho diferente no recurso {detail}",
        en="size differs for resource {detail}",
    ),
    "sync.verify.hash": Msg(
        pt="conteúdo diferente (sha256) no recurso {detail}",
        en="content differs (sha256) for resource {detail}",
    ),
    "sync.verify.local": Msg(
        pt="pacote local ilegível: {detail}",
        en="unreadable local package: {detail}",
    ),
    "sync.retire.not-found": Msg(
        pt="O conjunto {detail} não existe no portal.",
        en="Dataset {detail} does not exist on the portal.",
    ),
    "sync.error.duplicate-name": Msg(
        pt="Dois pacotes com o mesmo nome de conjunto: {detail}",
        en="Two packages with the same dataset name: {detail}",
    ),
    "sync.error.retired-list": Msg(
        pt="Lista de conjuntos retirados ilegível ({path}): {detail}. Corrija ou apague o arquivo.",
        en="Unreadable list of retired datasets ({path}): {detail}. Fix or delete the file.",
    ),
    # what a run changed (or, in a dry run, would change), one line each
    "sync.change.organization-created": Msg(pt="organização {org} criada", en="organization {org} created"),
    "sync.change.dataset-created": Msg(pt="conjunto criado (privado)", en="dataset created (private)"),
    "sync.change.reactivated": Msg(pt="conjunto reativado (privado)", en="dataset reactivated (private)"),
    "sync.change.file-replaced": Msg(
        pt="{resource}: arquivo substituído ({size} bytes)", en="{resource}: file replaced ({size} bytes)"
    ),
    "sync.change.file-uploaded": Msg(
        pt="{resource}: arquivo enviado ({size} bytes)", en="{resource}: file uploaded ({size} bytes)"
    ),
    "sync.change.resource-metadata": Msg(pt="{resource}: metadados atualizados", en="{resource}: metadata updated"),
    "sync.change.resource-deleted": Msg(pt="{resource}: apagado (--prune)", en="{resource}: deleted (--prune)"),
    "sync.change.reordered": Msg(pt="recursos reordenados", en="resources reordered"),
    "sync.change.metadata": Msg(pt="metadados: {fields}", en="metadata: {fields}"),
    "sync.change.made-public": Msg(pt="conjunto tornado público", en="dataset made public"),
    # a plan's actions, as a dry run lists them
    "sync.plan.create_organization": Msg(pt="criar organização {target}", en="create organization {target}"),
    "sync.plan.create_dataset": Msg(pt="criar conjunto", en="create dataset"),
    "sync.plan.reactivate": Msg(pt="reativar conjunto", en="reactivate dataset"),
    "sync.plan.update_field": Msg(pt="alterar campo {target}", en="update field {target}"),
    "sync.plan.upload_resource": Msg(pt="enviar arquivo {target} ({reason})", en="upload file {target} ({reason})"),
    "sync.plan.update_resource": Msg(pt="alterar recurso {target}", en="update resource {target}"),
    "sync.plan.delete_resource": Msg(pt="apagar recurso {target}", en="delete resource {target}"),
    "sync.plan.reorder_resources": Msg(pt="reordenar recursos", en="reorder resources"),
    "sync.plan.make_public": Msg(pt="tornar público", en="make public"),
    "sync.plan.reason.new": Msg(pt="novo", en="new"),
    "sync.plan.reason.changed": Msg(pt="alterado", en="changed"),
    # retired datasets (datapackages/retired.json)
    "sync.retired.skipped": Msg(
        pt="retirado do portal em {date} ({reason}): não é publicado nem verificado. "
        "Para publicá-lo de novo: publisher retire {name} --undo",
        en="retired from the portal on {date} ({reason}): neither published nor verified. "
        "To publish it again: publisher retire {name} --undo",
    ),
    "sync.retired.no-reason": Msg(pt="sem motivo registrado", en="no reason recorded"),
    "sync.retire.undone": Msg(
        pt="{name}: não está mais retirado; o próximo publish o reativa no portal.",
        en="{name}: no longer retired; the next publish reactivates it on the portal.",
    ),
    "sync.retire.not-retired": Msg(
        pt="{name} não está na lista de conjuntos retirados ({path}).",
        en="{name} is not in the list of retired datasets ({path}).",
    ),
    # operator log lines
    "sync.log.verify-problems": Msg(pt="verificação de {name}: {problems}", en="verify {name}: {problems}"),
    "sync.log.dataset-failed": Msg(pt="{name}: {message}", en="{name}: {message}"),
}

# Large packages and portal error pages: the frames of a refusal and of a resource too large for any batch,
# and the log line of a change sent in batches.
MESSAGES.update(
    {
        "sync.error.portal-refused": Msg(pt="{detail}", en="{detail}"),
        "sync.error.form-too-large": Msg(
            pt="Recurso grande demais para uma requisição ao portal: {detail}",
            en="Resource too large for one request to the portal: {detail}",
        ),
        "sync.log.batches": Msg(
            pt="{name}: {count} recurso(s) em {total} lotes, dentro dos limites de formulário do portal",
            en="{name}: {count} resource(s) in {total} batches, within the portal's form limits",
        ),
    }
)

# Bounded input: a package file that is not read, and notes over the portal's cap.
MESSAGES.update(
    {
        "sync.error.package-file-refused": Msg(
            pt="Arquivo do pacote recusado (fora da pasta do pacote ou grande demais): {detail}",
            en="Package file refused (outside the package folder or too large): {detail}",
        ),
        "sync.error.notes-too-large": Msg(
            pt="Descrição grande demais para o portal: {detail}",
            en="Description too large for the portal: {detail}",
        ),
    }
)

# No duplicates: a write the portal may have carried out is read back, not repeated; a second copy
# of a resource is repaired and reported.
MESSAGES.update(
    {
        "sync.log.read-back": Msg(
            pt="{name}: o portal pode ter atendido o pedido anterior ({reason}); relendo o conjunto para seguir dali",
            en="{name}: the portal may have carried out the previous request ({reason}); reading the dataset back",
        ),
        "sync.error.write-unconfirmed": Msg(
            pt="O portal não confirmou uma gravação e relê-la não resolveu: {detail}",
            en="The portal did not confirm a write and reading it back did not settle it: {detail}",
        ),
        "sync.plan.reason.duplicate": Msg(pt="cópia duplicada", en="duplicate copy"),
        "sync.change.duplicate-deleted": Msg(
            pt="{resource}: cópia duplicada apagada", en="{resource}: duplicate copy deleted"
        ),
        "sync.verify.duplicate": Msg(
            pt="Recurso duplicado no portal (mesmo nome mais de uma vez): {detail}",
            en="Duplicate resource on the portal (same name more than once): {detail}",
        ),
    }
)

# Ownership and tokens: a dataset of another organization or not made by the publisher is refused,
# a refused write names the user, organization and role, and a token CKAN does not take stops the run.
MESSAGES.update(
    {
        "sync.error.owner-mismatch": Msg(pt="{detail}", en="{detail}"),
        "sync.error.not-managed": Msg(pt="{detail}", en="{detail}"),
        "sync.error.token-invalid": Msg(pt="{detail}", en="{detail}"),
        "sync.owner.mismatch": Msg(
            pt="O conjunto {name} pertence à organização {theirs} no portal, e o pacote o publicaria em {ours} "
            "(owner_org): nada foi alterado. Se o owner_org do pacote está errado, corrija-o; para mover o "
            "conjunto de propósito (requer sysadmin), rode publisher publish --allow-move {name}.",
            en="Dataset {name} belongs to organization {theirs} on the portal, and the package would publish it "
            "in {ours} (owner_org): nothing was changed. If the package's owner_org is wrong, fix it; to move the "
            "dataset on purpose (needs a sysadmin), run publisher publish --allow-move {name}.",
        ),
        "sync.owner.retired-elsewhere": Msg(
            pt="O conjunto {name} foi retirado na organização {theirs}, e o pacote o publicaria em {ours} "
            "(owner_org): ele não foi reativado nem movido. Se o owner_org do pacote está errado, corrija-o; "
            "para reativá-lo em {ours} de propósito (requer sysadmin), rode publisher publish --allow-move {name}.",
            en="Dataset {name} was retired in organization {theirs}, and the package would publish it in {ours} "
            "(owner_org): it was neither reactivated nor moved. If the package's owner_org is wrong, fix it; to "
            "reactivate it in {ours} on purpose (needs a sysadmin), run publisher publish --allow-move {name}.",
        ),
        "sync.owner.not-managed": Msg(
            pt="O conjunto {name} (organização {theirs}) já existe no portal e não foi criado pelo publisher "
            "(não tem o recurso datapackage.json): nada foi alterado. Para assumi-lo de propósito, rode "
            "publisher publish --adopt {name}; senão, dê outro name ao pacote.",
            en="Dataset {name} (organization {theirs}) already exists on the portal and was not made by the "
            "publisher (it has no datapackage.json resource): nothing was changed. To take it over on purpose, "
            "run publisher publish --adopt {name}; otherwise give the package another name.",
        ),
        "sync.owner.role-missing": Msg(
            pt="o usuário {user} do token precisa do papel {role} na organização {org}; peça a um administrador "
            "da organização que o inclua com esse papel.",
            en="the token's user {user} needs the {role} role in organization {org}; ask an administrator of the "
            "organization to add them with that role.",
        ),
        "sync.token.invalid": Msg(
            pt="O portal {url} não reconhece o token de API (inválido, revogado ou expirado): a execução parou "
            "e nada mais foi enviado. Gere um novo token no portal e atualize CKAN_API_TOKEN ou CKAN_API_TOKEN_FILE.",
            en="The portal {url} does not recognise the API token (invalid, revoked or expired): the run stopped "
            "and nothing more was sent. Create a new token on the portal and update CKAN_API_TOKEN or "
            "CKAN_API_TOKEN_FILE.",
        ),
        "sync.change.moved": Msg(
            pt="conjunto movido da organização {theirs} para {ours} (--allow-move)",
            en="dataset moved from organization {theirs} to {ours} (--allow-move)",
        ),
    }
)
